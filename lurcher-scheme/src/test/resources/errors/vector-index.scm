(vector-ref (vector 1 2 3) 3)
(lambda (n) #t)
