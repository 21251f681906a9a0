import sys
from itertools import combinations
def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
def on_segment(p, a, b):
    return cross(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])
def in_triangle(p, a, b, c):
    s = [cross(a, b, p), cross(b, c, p), cross(c, a, p)]
    return cross(a, b, c) != 0 and (all(x >= 0 for x in s) or all(x <= 0 for x in s))
d = list(map(int, sys.stdin.read().split()))
pts = [(d[1 + 2 * i], d[2 + 2 * i]) for i in range(d[0])]
corners = 0
for p in pts:
    others = [q for q in pts if q != p]
    inside = any(on_segment(p, a, b) for a, b in combinations(others, 2)) or \
        any(in_triangle(p, a, b, c) for a, b, c in combinations(others, 3))
    corners += not inside
print(corners)
