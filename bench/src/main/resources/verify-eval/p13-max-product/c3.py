class Solution:
    def maxProduct(self, nums: List[int]) -> int:
        ans = nums[0]
        run = 1
        for v in nums:
            run = max(v, run * v)
            ans = max(ans, run)
        return ans
