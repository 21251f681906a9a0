import sys
def upto(y):
    return y // 4 - y // 100 + y // 400
d = sys.stdin.read().split()
out = []
for i in range(int(d[0])):
    a, b = int(d[1 + 2 * i]), int(d[2 + 2 * i])
    out.append(str(upto(b) - upto(a - 1)))
print('\n'.join(out))
