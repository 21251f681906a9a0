h, w = map(int, input().split())
grid = [input() for _ in range(h)]
M = 10**9 + 7
prev = [1] * w
for i in range(1, h):
    cur = [1] + [0] * (w - 1)
    for j in range(1, w):
        if grid[i][j] != '#':
            cur[j] = (cur[j - 1] + prev[j]) % M
    prev = cur
print(prev[-1] if grid[0][0] != '#' and grid[-1][-1] != '#' else 0)
