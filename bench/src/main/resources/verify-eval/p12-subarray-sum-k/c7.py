from collections import defaultdict
class Solution:
    def subarraySum(self, nums: List[int], k: int) -> int:
        cnt = defaultdict(int)
        cnt[0] = 1
        acc = res = 0
        for v in nums:
            acc += v
            res += cnt[acc - k]
            cnt[acc] += 1
        return res
