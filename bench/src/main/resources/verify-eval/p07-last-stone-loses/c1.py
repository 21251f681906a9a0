import sys
d = sys.stdin.read().split()
out = []
for i in range(int(d[0])):
    n, k = int(d[1 + 2 * i]), int(d[2 + 2 * i])
    out.append('First' if (n - 1) % (k + 1) != 0 else 'Second')
print('\n'.join(out))
