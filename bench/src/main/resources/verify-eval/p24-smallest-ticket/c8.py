import sys, heapq
lines = sys.stdin.read().split('\n')
heap, out = [], []
for line in lines[1:int(lines[0]) + 1]:
    if line.startswith('add'):
        heapq.heappush(heap, int(line.split()[1]))
    else:
        out.append(str(heapq.heappop(heap)))
print('\n'.join(out))
