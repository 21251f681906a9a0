class Solution:
    def rob(self, nums: List[int]) -> int:
        n = len(nums)
        if n == 1:
            return nums[0]
        res = 0
        for first in (0, 1):
            a = [0] * n
            b = [0] * n
            if first:
                a[0] = nums[0]
            for i in range(1, n):
                lim = nums[i] if not (first and i == n - 1) else 0
                a[i] = b[i - 1] + lim
                b[i] = max(a[i - 1], b[i - 1])
            res = max(res, a[-1], b[-1])
        return res
