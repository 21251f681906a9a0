class Solution:
    def merge(self, intervals: List[List[int]]) -> List[List[int]]:
        intervals.sort(key=lambda p: p[0])
        out = []
        for iv in intervals:
            if not out or out[-1][1] < iv[0]:
                out.append(list(iv))
            else:
                out[-1][1] = max(out[-1][1], iv[1])
        return out
