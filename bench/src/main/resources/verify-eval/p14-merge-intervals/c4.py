class Solution:
    def merge(self, intervals: List[List[int]]) -> List[List[int]]:
        intervals = sorted(intervals, key=lambda iv: iv[0])
        ans = []
        cs, ce = intervals[0]
        for s, e in intervals[1:]:
            if s < ce:
                ce = max(ce, e)
            else:
                ans.append([cs, ce])
                cs, ce = s, e
        ans.append([cs, ce])
        return ans
