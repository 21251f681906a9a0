import sys
d = list(map(int, sys.stdin.read().split()))
S = d[1]
cnt = 0
for c in sorted(d[2:], reverse=True):
    cnt += S // c
    S %= c
print(cnt if S == 0 else -1)
