// The optional contact fields of a unit body (POST /units): contact_name, phone, email.

import TiendoDomain
import TiendoStore

/// Reads and range-checks the contact fields; problems go to the reader's issue list.
func readUnitContact(_ body: ObjectReader) -> UnitContact {
    let name = body.string("contact_name", maxLength: UnitContactRules.maxNameLength)
    var phone = body.string("phone", maxLength: UnitContactRules.maxPhoneLength)
    var email = body.string("email", maxLength: UnitContactRules.maxEmailLength)
    if let p = phone, let v = UnitContactRules.checkPhone(p, field: body.field("phone")) {
        body.issues.add(v.field, v.code, v.message); phone = nil
    }
    if let e = email, let v = UnitContactRules.checkEmail(e, field: body.field("email")) {
        body.issues.add(v.field, v.code, v.message); email = nil
    }
    return UnitContact(name: name, phone: phone, email: email)
}
