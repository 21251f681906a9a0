import sys
lines = sys.stdin.read().split()
h, w, g = int(lines[0]), int(lines[1]), lines[2:]
def walks(i, j):
    if i >= h or j >= w or g[i][j] == '#':
        return 0
    if (i, j) == (h - 1, w - 1):
        return 1
    return walks(i + 1, j) + walks(i, j + 1)
print(walks(0, 0) % (10**9 + 7))
