n = int(input())
board = []
for _ in range(n):
    name, score = input().split()
    score = int(score)
    pos = 0
    while pos < len(board) and board[pos][1] >= score:
        pos += 1
    board.insert(pos, (name, score))
print('\n'.join(b[0] for b in board))
