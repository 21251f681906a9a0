class Solution:
    def subarraySum(self, nums: List[int], k: int) -> int:
        seen = {}
        s = ans = 0
        for x in nums:
            s += x
            ans += seen.get(s - k, 0)
            seen[s] = seen.get(s, 0) + 1
        return ans
