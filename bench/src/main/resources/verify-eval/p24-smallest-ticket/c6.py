import sys
import queue
data = sys.stdin.read().splitlines()
box = queue.Queue()
out = []
for line in data[1:int(data[0]) + 1]:
    if line.startswith('add'):
        box.put(int(line[4:]))
    else:
        out.append(box.get() if not box.empty() else -1)
print('\n'.join(map(str, out)))
