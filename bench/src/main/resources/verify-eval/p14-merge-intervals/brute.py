class Solution:
    def merge(self, intervals):
        top = max(e for _, e in intervals)
        point = [False] * (top + 1)
        edge = [False] * (top + 1)
        for s, e in intervals:
            for x in range(s, e + 1):
                point[x] = True
            for x in range(s, e):
                edge[x] = True
        out, x = [], 0
        while x <= top:
            if point[x]:
                start = x
                while x < top and edge[x]:
                    x += 1
                out.append([start, x])
            x += 1
        return out
