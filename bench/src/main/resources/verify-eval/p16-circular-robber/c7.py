class Solution:
    def rob(self, nums: List[int]) -> int:
        if len(nums) <= 2:
            return max(nums)
        best = [nums[0], max(nums[0], nums[1])]
        for i in range(2, len(nums)):
            best.append(max(best[-1], best[-2] + nums[i]))
        return best[-1]
