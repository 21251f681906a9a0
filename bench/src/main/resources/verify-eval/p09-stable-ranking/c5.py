import sys
d = sys.stdin.read().split()
rows = [(d[1 + 2 * i], int(d[2 + 2 * i])) for i in range(int(d[0]))]
rows.sort(key=lambda r: (-r[1], r[0]))
print('\n'.join(r[0] for r in rows))
