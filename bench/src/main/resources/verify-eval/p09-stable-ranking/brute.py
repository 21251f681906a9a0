import sys
d = sys.stdin.read().split()
rows = [(d[1 + 2 * i], int(d[2 + 2 * i])) for i in range(int(d[0]))]
while rows:
    best = 0
    for i in range(len(rows)):
        if rows[i][1] > rows[best][1]:
            best = i
    print(rows.pop(best)[0])
