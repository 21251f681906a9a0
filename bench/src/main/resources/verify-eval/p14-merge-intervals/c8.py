class Solution:
    def merge(self, intervals: List[List[int]]) -> List[List[int]]:
        events = sorted([(s, 0) for s, _ in intervals] + [(e, 1) for _, e in intervals])
        res, depth, start = [], 0, 0
        for x, kind in events:
            if kind == 0:
                if depth == 0:
                    if res and res[-1][1] == x:
                        start = res.pop()[0]
                    else:
                        start = x
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    res.append([start, x])
        return res
