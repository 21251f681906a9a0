import sys
d = sys.stdin.read().split()
out = []
for i in range(int(d[0])):
    a, b, k = int(d[1 + 3 * i]), int(d[2 + 3 * i]), int(d[3 + 3 * i])
    out.append(str(b // k - (a - 1) // k))
print('\n'.join(out))
