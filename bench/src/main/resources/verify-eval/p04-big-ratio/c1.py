import sys
d = sys.stdin.read().split()
out = []
for i in range(int(d[0])):
    a, b, c = int(d[1 + 3 * i]), int(d[2 + 3 * i]), int(d[3 + 3 * i])
    out.append(str(a * b // c))
print('\n'.join(out))
