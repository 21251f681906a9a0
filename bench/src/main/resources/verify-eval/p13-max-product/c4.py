class Solution:
    def maxProduct(self, nums: List[int]) -> int:
        best = max(nums)
        for seq in (nums, nums[::-1]):
            p = 1
            for x in seq:
                p = x if p == 0 else p * x
                best = max(best, p)
        return best
