class Solution:
    def merge(self, intervals: List[List[int]]) -> List[List[int]]:
        intervals.sort()
        out = []
        for s, e in intervals:
            if out and s <= out[-1][1]:
                out[-1][1] = e
            else:
                out.append([s, e])
        return out
