// Contact fields of some demo units, so the chase list (GET /plans/{id}/reminders)
// shows whom to call. Offices, not people; the numbers are illustrative.

import TiendoStore

extension DemoData {
    static let contacts: [String: UnitContact] = [
        "huyen-hoang-hoa": UnitContact(name: "Văn phòng HĐND và UBND huyện Hoằng Hóa", phone: "0237.3865.101",
                                       email: "vanphong@hoanghoa.example.vn"),
        "huyen-thuong-xuan": UnitContact(name: "Văn phòng HĐND và UBND huyện Thường Xuân", phone: "0237.3874.102",
                                         email: "vanphong@thuongxuan.example.vn"),
        "thanh-pho-thanh-hoa": UnitContact(name: "Văn phòng HĐND và UBND thành phố Thanh Hóa", phone: "0237.3852.103",
                                           email: "vanphong@tp.thanhhoa.example.vn"),
        "so-y-te": UnitContact(name: "Văn phòng Sở Y tế", phone: "0237.3852.104", email: "vanphong@syt.thanhhoa.example.vn"),
        "so-lao-dong": UnitContact(name: "Văn phòng Sở Lao động - Thương binh và Xã hội", phone: "0237.3852.105",
                                   email: "vanphong@sldtbxh.thanhhoa.example.vn"),
        "so-nong-nghiep": UnitContact(name: "Văn phòng Sở Nông nghiệp và Phát triển nông thôn", phone: "0237.3852.106",
                                      email: "vanphong@snnptnt.thanhhoa.example.vn"),
    ]
}
