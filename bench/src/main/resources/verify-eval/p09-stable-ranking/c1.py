import sys
d = sys.stdin.read().split()
n = int(d[0])
rows = [(d[1 + 2 * i], int(d[2 + 2 * i])) for i in range(n)]
rows.sort(key=lambda r: -r[1])
print('\n'.join(r[0] for r in rows))
