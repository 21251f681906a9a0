import sys
d = sys.stdin.read().split()
n = int(d[0])
order = sorted(range(n), key=lambda i: (-int(d[2 + 2 * i]), i))
print('\n'.join(d[1 + 2 * i] for i in order))
