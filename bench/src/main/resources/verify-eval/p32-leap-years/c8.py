import sys
def count(y):
    cycles, rest = divmod(y, 400)
    return cycles * 97 + rest // 4 - rest // 100
d = sys.stdin.read().split()
print('\n'.join(str(count(int(d[2 + 2 * i])) - count(int(d[1 + 2 * i]) - 1)) for i in range(int(d[0]))))
