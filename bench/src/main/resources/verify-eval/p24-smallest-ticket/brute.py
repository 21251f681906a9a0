import sys
lines = sys.stdin.read().split('\n')
box = []
for line in lines[1:int(lines[0]) + 1]:
    if line.startswith('add'):
        box.append(int(line.split()[1]))
    elif box:
        m = min(box)
        box.remove(m)
        print(m)
    else:
        print(-1)
