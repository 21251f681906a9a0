import sys
lines = sys.stdin.read().split()
h, w, g = int(lines[0]), int(lines[1]), lines[2:]
MOD = 10**9 + 7
row = [1] + [0] * (w - 1)
for i in range(h):
    for j in range(w):
        if g[i][j] == '#' and (i, j) != (0, 0):
            row[j] = 0
        elif j > 0:
            row[j] = (row[j] + row[j - 1]) % MOD
print(row[w - 1])
