(define x 5)
x
