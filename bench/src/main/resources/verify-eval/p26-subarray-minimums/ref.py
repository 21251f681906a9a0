import sys
d = list(map(int, sys.stdin.read().split()))
n, a = d[0], d[1:1 + d[0]]
left, right, st = [0] * n, [0] * n, []
for i in range(n):
    while st and a[st[-1]] > a[i]:
        st.pop()
    left[i] = i - (st[-1] if st else -1)
    st.append(i)
st = []
for i in range(n - 1, -1, -1):
    while st and a[st[-1]] >= a[i]:
        st.pop()
    right[i] = (st[-1] if st else n) - i
    st.append(i)
print(sum(a[i] * left[i] * right[i] for i in range(n)) % (10**9 + 7))
