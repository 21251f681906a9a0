import sys
d = list(map(int, sys.stdin.read().split()))
segs = sorted(((d[1 + 2 * i], d[2 + 2 * i]) for i in range(d[0])), key=lambda s: s[1])
last, cnt = -1, 0
for l, r in segs:
    if l > last:
        cnt += 1
        last = r
print(cnt)
