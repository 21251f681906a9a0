class Solution:
    def subarraySum(self, nums, k):
        n = len(nums)
        return sum(1 for i in range(n) for j in range(i, n) if sum(nums[i:j + 1]) == k)
