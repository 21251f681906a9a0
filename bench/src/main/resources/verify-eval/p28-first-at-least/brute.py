import sys
d = list(map(int, sys.stdin.read().split()))
n, q = d[0], d[1]
a = d[2:2 + n]
for x in d[2 + n:2 + n + q]:
    i = 0
    while i < n and a[i] < x:
        i += 1
    print(i + 1)
