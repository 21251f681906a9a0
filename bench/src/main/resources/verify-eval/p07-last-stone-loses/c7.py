import sys
data = sys.stdin.buffer.read().split()
t = int(data[0])
ans = []
for i in range(t):
    n = int(data[2 * i + 1]); k = int(data[2 * i + 2])
    ans.append('Second' if n % (k + 1) == 0 else 'First')
print('\n'.join(ans))
