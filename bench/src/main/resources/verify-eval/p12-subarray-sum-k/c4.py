class Solution:
    def subarraySum(self, nums, k):
        l = s = res = 0
        for r in range(len(nums)):
            s += nums[r]
            while l <= r and s > k:
                s -= nums[l]
                l += 1
            res += s == k
        return res
