import sys
from collections import deque
lines = sys.stdin.read().split('\n')
q, out = deque(), []
for line in lines[1:int(lines[0]) + 1]:
    if line.startswith('add'):
        q.append(int(line.split()[1]))
    else:
        out.append(str(q.popleft()) if q else '-1')
print('\n'.join(out))
