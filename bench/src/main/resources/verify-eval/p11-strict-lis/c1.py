import sys, bisect
d = list(map(int, sys.stdin.read().split()))
tails = []
for h in d[1:1 + d[0]]:
    i = bisect.bisect_left(tails, h)
    if i == len(tails):
        tails.append(h)
    else:
        tails[i] = h
print(len(tails))
