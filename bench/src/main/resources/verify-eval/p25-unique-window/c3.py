import sys
s = sys.stdin.readline().strip()
pos = {}
l = 0
ans = 0
for r, ch in enumerate(s):
    if ch in pos:
        l = pos[ch] + 1
    pos[ch] = r
    if r - l + 1 > ans:
        ans = r - l + 1
print(ans)
