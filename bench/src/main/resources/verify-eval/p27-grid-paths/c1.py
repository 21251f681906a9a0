import sys
lines = sys.stdin.read().split()
h, w, g = int(lines[0]), int(lines[1]), lines[2:]
MOD = 10**9 + 7
row = [0] * w
for i in range(h):
    for j in range(w):
        if g[i][j] == '#':
            row[j] = 0
        elif i == 0 and j == 0:
            row[j] = 1
        elif j > 0:
            row[j] = (row[j] + row[j - 1]) % MOD
print(row[w - 1])
