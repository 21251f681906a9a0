class Solution:
    def rob(self, nums: List[int]) -> int:
        take, skip = 0, 0
        for x in nums:
            take, skip = skip + x, max(take, skip)
        return max(take, skip)
