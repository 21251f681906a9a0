import sys
data = sys.stdin.buffer.read().split()
n = int(data[0])
pts = sorted(set(zip(map(int, data[1::2]), map(int, data[2::2]))))
def chain(seq):
    st = []
    for x, y in seq:
        while len(st) >= 2:
            (ax, ay), (bx, by) = st[-2], st[-1]
            if (bx - ax) * (y - ay) - (by - ay) * (x - ax) <= 0:
                st.pop()
            else:
                break
        st.append((x, y))
    return st
hull = chain(pts)[:-1] + chain(pts[::-1])[:-1]
print(len(set(hull)) if len(pts) > 1 else 1)
