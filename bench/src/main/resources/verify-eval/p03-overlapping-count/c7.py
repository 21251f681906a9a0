import sys
s, p = sys.stdin.read().split()
t = p + '\x00' + s
n = len(t)
z = [0] * n
l = r = 0
for i in range(1, n):
    if i < r:
        z[i] = min(r - i, z[i - l])
    while i + z[i] < n and t[z[i]] == t[i + z[i]]:
        z[i] += 1
    if i + z[i] > r:
        l, r = i, i + z[i]
print(sum(1 for i in range(len(p) + 1, n) if z[i] >= len(p)))
