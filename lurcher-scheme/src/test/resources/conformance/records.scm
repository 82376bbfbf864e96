; define-record-type: constructor, predicate, accessors, modifiers; records live on the heap.
(define (show . xs) (for-each display xs) (newline))
(define-record-type <point>
  (make-point x y)
  point?
  (x point-x set-point-x!)
  (y point-y))
(define-record-type node
  (make-node key)          ; a field the constructor leaves #f
  node?
  (key node-key)
  (next node-next set-node-next!))
(define p (make-point 1 2))
(show (point? p) " " (point? 5) " " (point? (vector 1 2)) " " (node? p))
(show (point-x p) " " (point-y p))
(set-point-x! p 10)
(show (point-x p))
(show p)
; A long chain of records survives collections.
(define (chain n)
  (let loop ((i 0) (head #f))
    (if (= i n)
        head
        (let ((nd (make-node i)))
          (set-node-next! nd head)
          (loop (+ i 1) nd)))))
(define (sum-chain nd)
  (if nd (+ (node-key nd) (sum-chain (node-next nd))) 0))
(show (sum-chain (chain 100)))
(show (map point-y (map (lambda (i) (make-point i (* i i))) (iota 5))))
; Records inside a body, and a record type with a field named like a global.
(define (local-records)
  (define-record-type pare (kons car cdr) pare? (car kar) (cdr kdr))
  (let ((k (kons 1 2)))
    (list (kar k) (kdr k) (pare? k) (car '(a)))))
(show (local-records))
;; Calls to accessors compile inline, unless the program assigns the name.
(define-record-type <q> (make-q a) q? (a q-a))
(set! q-a (lambda (x) 'reassigned))
(show (q-a (make-q 1)) " " (q? (make-q 1)))
(lambda (n . args) #t)
