import sys
d = list(map(int, sys.stdin.read().split()))
n, m = d[0], d[1]
pos = 0
for x in d[2:2 + n]:
    step = 1 if x > 0 else -1
    for _ in range(abs(x)):
        pos += step
        if pos == m:
            pos = 0
        if pos == -1:
            pos = m - 1
print(pos)
