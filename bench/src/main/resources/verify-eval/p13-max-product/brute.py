class Solution:
    def maxProduct(self, nums):
        best = None
        for i in range(len(nums)):
            p = 1
            for j in range(i, len(nums)):
                p *= nums[j]
                best = p if best is None else max(best, p)
        return best
