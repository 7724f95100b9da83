// Text the service stores is NFC, whatever form the client sent.

import TiendoDomain

func nfc(_ s: String?) -> String? { s.map(VietnameseText.nfc) }
