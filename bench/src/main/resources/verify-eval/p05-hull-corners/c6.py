import sys
input = sys.stdin.readline
n = int(input())
pts = sorted(set(tuple(map(int, input().split())) for _ in range(n)))
def cr(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
if len(pts) < 3:
    print(len(pts))
else:
    h = []
    for p in pts + pts[-2::-1]:
        while len(h) >= 2 and cr(h[-2], h[-1], p) < 0:
            h.pop()
        h.append(p)
    print(len(set(h)))
