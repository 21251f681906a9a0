from collections import deque
q = int(input())
box = deque()
for _ in range(q):
    op = input().split()
    if op[0] == 'add':
        box.append(int(op[1]))
    else:
        print(box.popleft() if box else -1)
