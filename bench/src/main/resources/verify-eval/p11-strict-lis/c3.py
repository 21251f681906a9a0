from bisect import bisect_right
n = int(input())
h = list(map(int, input().split()))
t = []
for x in h:
    p = bisect_right(t, x)
    if p == len(t):
        t.append(x)
    else:
        t[p] = x
print(len(t))
