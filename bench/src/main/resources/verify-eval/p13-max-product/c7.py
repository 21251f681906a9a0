class Solution:
    def maxProduct(self, nums: List[int]) -> int:
        res = 0
        mx = mn = 1
        for x in nums:
            a, b = mx * x, mn * x
            mx, mn = max(x, a, b), min(x, a, b)
            res = max(res, mx)
        return res
