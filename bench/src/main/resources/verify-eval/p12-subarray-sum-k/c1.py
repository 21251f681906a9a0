from collections import Counter
class Solution:
    def subarraySum(self, nums, k):
        seen = Counter({0: 1})
        s = total = 0
        for x in nums:
            s += x
            total += seen[s - k]
            seen[s] += 1
        return total
